import { defineMessages } from './define.ts';

/** Legal hold and the end of the employment: the API's refusals, the dossier's fields and timeline. */
export const retentionMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'error.already_on_hold': 'Dit dossier staat al onder juridische bewaarplicht.',
    'error.not_on_hold': 'Dit dossier staat niet onder juridische bewaarplicht; er is niets op te heffen.',
    'event.legal-hold-placed': 'Juridische bewaarplicht ingesteld: het dossier wordt niet verwijderd',
    'event.legal-hold-lifted': 'Juridische bewaarplicht opgeheven; de bewaartermijn loopt weer',
    'event.employment-end-recorded': 'Einde dienstverband vastgelegd; de bewaartermijn telt vanaf die dag',
    'export.field.legalHold': 'Juridische bewaarplicht sinds',
    'export.field.employmentEnded': 'Einde dienstverband',
  },
  en: {
    'error.already_on_hold': 'This dossier is already under a legal hold.',
    'error.not_on_hold': 'This dossier is not under a legal hold; there is nothing to lift.',
    'event.legal-hold-placed': 'Legal hold placed: the dossier will not be deleted',
    'event.legal-hold-lifted': 'Legal hold lifted; the retention period runs again',
    'event.employment-end-recorded': 'End of employment recorded; retention counts from that day',
    'export.field.legalHold': 'Legal hold since',
    'export.field.employmentEnded': 'End of employment',
  },
});
