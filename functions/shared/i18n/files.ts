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
  },
  en: {
    'files.error.step': 'Choose a step of this trajectory the file belongs to.',
    'files.error.missing': 'No file has arrived yet. Upload the file, then confirm again.',
    'files.error.tooLarge': 'This file is too large; it may be {mb} MB at most.',
    'files.error.type':
      'The content of this file does not match its type (allowed: PDF, PNG, JPEG, e-mail (.eml) and Office documents).',
    'error.already_stored': 'This file is stored already; upload a new file to add something.',
    'error.not_stored': 'This file is not (or no longer) stored as an exhibit.',
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
  },
});
