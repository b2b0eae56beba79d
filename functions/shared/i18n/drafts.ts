import { defineMessages } from './define.ts';

/** Drafts of the long forms: the button that keeps what was typed, and what the form says then. */
export const draftMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'draft.save': 'Concept opslaan',
    'draft.saved': 'Concept opgeslagen op {time}. Het is nog niet verstuurd.',
    'draft.hint':
      'Nog niet klaar? Sla een concept op: het formulier opent er de volgende keer mee, via de link in de mail of via het overzicht.',
    'draft.error.notKept': 'Van dit formulier wordt geen concept bewaard.',
    'draft.error.tooLarge': 'Het concept is groter dan {max} kB en is niet opgeslagen. Maak de tekst korter.',
    'draft.error.tooDeep': 'Het concept is te diep genest (hoogstens {max} niveaus) en is niet opgeslagen.',
  },
  en: {
    'draft.save': 'Save draft',
    'draft.saved': 'Draft saved on {time}. It has not been submitted yet.',
    'draft.hint':
      'Not finished? Save a draft: the form opens with it next time, from the link in the mail or from the overview.',
    'draft.error.notKept': 'This form keeps no draft.',
    'draft.error.tooLarge': 'The draft is larger than {max} kB and was not saved. Shorten the text.',
    'draft.error.tooDeep': 'The draft is nested too deeply ({max} levels at most) and was not saved.',
  },
});
