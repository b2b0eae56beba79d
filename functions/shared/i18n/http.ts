import { defineMessages } from './define.ts';

/** The top-level `message` of an API error body, one per error `code`. */
export const httpMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'error.invalid_request': 'Het verzoek klopt niet. Controleer de genoemde velden.',
    'error.unauthorized': 'Je bent niet aangemeld of je sessie is verlopen; meld je opnieuw aan.',
    'error.forbidden': 'Je hebt geen toegang tot dit onderdeel.',
    'error.not_found': 'Niet gevonden; controleer het adres.',
    'error.conflict': 'Dit is intussen gewijzigd of al gedaan; laad opnieuw en controleer de stand.',
    'error.gone': 'Dit traject is afgesloten; hier kan niets meer worden gedaan.',
    'error.payload_too_large': 'Het verzoek is te groot; stuur minder tekst.',
    'error.unsupported_media_type': 'Stuur de gegevens als JSON (Content-Type: application/json).',
    'error.idempotency_key_reused':
      'Deze Idempotency-Key is al gebruikt voor een ander traject; kies een nieuwe sleutel.',
    'error.copy_not_mailed':
      'De mail met de nieuwe inzagelink kon niet naar de medewerker worden verstuurd. Die link is meteen ingetrokken: hij werkt niet, ook niet als de mail later toch aankomt, en het dossier vermeldt beide. Probeer het later opnieuw; dan wordt een nieuwe link gemaakt en gemaild.',
    'error.internal': 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
  },
  en: {
    'error.invalid_request': 'The request is not valid. Check the fields listed.',
    'error.unauthorized': 'You are not signed in or your session has expired; sign in again.',
    'error.forbidden': 'You do not have access to this.',
    'error.not_found': 'Not found; check the address.',
    'error.conflict': 'This was changed or already done in the meantime; reload and check its state.',
    'error.gone': 'This trajectory has been closed; nothing can be done here any more.',
    'error.payload_too_large': 'The request is too large; send less text.',
    'error.unsupported_media_type': 'Send the data as JSON (Content-Type: application/json).',
    'error.idempotency_key_reused':
      'This Idempotency-Key was already used for another trajectory; choose a new key.',
    'error.copy_not_mailed':
      'The mail with the new access link could not be sent to the employee. That link was withdrawn at once: it does not work, even if the mail arrives after all, and the dossier records both. Please try again later; a new link is then made and mailed.',
    'error.internal': 'Something went wrong on our side. Please try again later.',
  },
});
