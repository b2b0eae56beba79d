import { defineMessages } from './define.ts';

/** Evidence files: the API's refusals, the exhibits in the dossier, the timeline. */
export const filesMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'files.error.step': 'Kies een stap van dit traject waar het bestand bij hoort.',
    'files.error.missing': 'Er is nog geen bestand ontvangen. Upload het bestand en bevestig daarna opnieuw.',
    'files.error.tooLarge': 'Dit bestand is te groot; het mag hoogstens {mb} MB zijn.',
    'files.error.type':
      'De inhoud van dit bestand past niet bij het soort bestand (toegestaan: PDF, PNG, JPEG, e-mail (.eml) en Office-documenten).',
    'error.already_stored':
      'Dit bestand is al opgeslagen; upload een nieuw bestand als je iets wilt toevoegen.',
    'error.not_stored': 'Dit bestand is niet (meer) opgeslagen als productie.',
    'error.not_own_file':
      'Je kunt alleen een bestand verwijderen dat je zelf hebt toegevoegd. Vraag de HR-adviseur om dit bestand te verwijderen.',
    'error.not_own_upload':
      'Je kunt alleen een upload bevestigen die je zelf hebt aangekondigd. Dit bestand is door iemand anders toegevoegd.',
    'error.not_own_step':
      'Je kunt alleen een document toevoegen bij een stap die je zelf vastlegt en waar documenten bij horen. Vraag de HR-adviseur om het bij deze stap te voegen.',
    'event.file-attached': 'Bestand toegevoegd als productie',
    'event.file-removed': 'Bestand verwijderd als productie (het blijft bewaard)',
    'files.section': 'Producties',
    'files.exhibit': 'Productie {n}',
    'files.none': 'Er zijn geen bestanden toegevoegd.',
    'files.removed': 'verwijderd als productie',
    'files.checksum': 'SHA-256',
    'files.addedBy': 'Toegevoegd door',
    'files.step': 'Bij',
    'files.notInBundle':
      'Dit soort bestand kan niet in de bundel worden opgenomen; het is bewaard met deze controlesom.',
    'files.attach.title': 'Documenten bij deze stap',
    'files.attach.intro':
      'Voeg stukken toe die bij deze stap horen, zoals een klacht, een verslag of een e-mail. Elk document wordt een genummerde productie in het dossier. Toegestaan: PDF, PNG, JPEG, e-mail (.eml) en Office-documenten, hoogstens {mb} MB.',
    'files.attach.docTitle': 'Titel van het document',
    'files.attach.date': 'Datum van het document',
    'files.attach.file': 'Bestand',
    'files.attach.submit': 'Document toevoegen',
    'files.attach.busy': 'Het document wordt toegevoegd …',
    'files.attach.stored': 'Toegevoegd als productie {n}.',
    'files.attach.failed': 'Het document kon niet worden toegevoegd. Probeer het opnieuw.',
    'files.attach.choose': 'Kies een bestand.',
    'files.attach.none': 'Er zijn nog geen documenten bij deze stap.',
    'files.attach.noscript': 'Documenten toevoegen kan alleen als JavaScript in je browser aan staat.',
    'files.attach.remove': 'Verwijderen als productie',
    'files.attach.reason': 'Reden van verwijderen',
    'files.attach.removed': 'Verwijderd als productie; het bestand blijft bewaard in het dossier.',
    'files.attach.separate':
      'Een toegevoegd document is meteen opgeslagen; het formulier hieronder verstuur je apart.',
  },
  en: {
    'files.error.step': 'Choose a step of this trajectory the file belongs to.',
    'files.error.missing': 'No file has arrived yet. Upload the file, then confirm again.',
    'files.error.tooLarge': 'This file is too large; it may be {mb} MB at most.',
    'files.error.type':
      'The content of this file does not match its type (allowed: PDF, PNG, JPEG, e-mail (.eml) and Office documents).',
    'error.already_stored': 'This file is stored already; upload a new file to add something.',
    'error.not_stored': 'This file is not (or no longer) stored as an exhibit.',
    'error.not_own_file':
      'You can only remove a file you added yourself. Ask the HR advisor to remove this file.',
    'error.not_own_upload':
      'You can only confirm an upload you announced yourself. This file was added by someone else.',
    'error.not_own_step':
      'You can only add a document to a step you record yourself and that takes documents. Ask the HR advisor to add it to this step.',
    'event.file-attached': 'File added as an exhibit',
    'event.file-removed': 'File removed as an exhibit (it is kept)',
    'files.section': 'Exhibits',
    'files.exhibit': 'Exhibit {n}',
    'files.none': 'No files were added.',
    'files.removed': 'removed as an exhibit',
    'files.checksum': 'SHA-256',
    'files.addedBy': 'Added by',
    'files.step': 'With',
    'files.notInBundle':
      'A file of this type cannot be included in the bundle; it is kept with this checksum.',
    'files.attach.title': 'Documents for this step',
    'files.attach.intro':
      'Add documents that belong to this step, such as a complaint, a report or an e-mail. Each document becomes a numbered exhibit in the dossier. Allowed: PDF, PNG, JPEG, e-mail (.eml) and Office documents, {mb} MB at most.',
    'files.attach.docTitle': 'Title of the document',
    'files.attach.date': 'Date of the document',
    'files.attach.file': 'File',
    'files.attach.submit': 'Add document',
    'files.attach.busy': 'Adding the document …',
    'files.attach.stored': 'Added as exhibit {n}.',
    'files.attach.failed': 'The document could not be added. Please try again.',
    'files.attach.choose': 'Choose a file.',
    'files.attach.none': 'No documents belong to this step yet.',
    'files.attach.noscript': 'Adding documents needs JavaScript to be enabled in your browser.',
    'files.attach.remove': 'Remove as an exhibit',
    'files.attach.reason': 'Reason for removing',
    'files.attach.removed': 'Removed as an exhibit; the file stays kept in the dossier.',
    'files.attach.separate': 'An added document is stored at once; the form below is sent separately.',
  },
});
