import { defineMessages } from './define.ts';

/**
 * Calendar invites (.ics) for the conversation and the follow-up meetings
 * (functions/core/invites.ts), and the mails that carry them. The summary and description go into
 * the people's calendars: names only, never what anybody typed into a form.
 */
export const inviteMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'invite.organizer': 'HR',
    'invite.filename': 'uitnodiging.ics',
    'invite.conversation.summary': 'Gesprek {manager} en {employee}',
    'invite.follow-up.summary': 'Voortgangsgesprek {meeting} verbetertraject: {manager} en {employee}',
    // Neutral on purpose: the employee hears what it is about from their manager, in person.
    'invite.conversation.description': 'Een gesprek van {manager} met {employee}.',
    'invite.follow-up.description':
      'Voortgangsgesprek {meeting} van {manager} met {employee}: de voortgang per doel van het verbeterplan, wat goed gaat, wat aandacht vraagt en welke ondersteuning helpt.',
    'invite.proposal':
      'Het tijdstip is een voorstel. Past het niet, spreek dan samen een ander moment af; {manager} legt het gesprek daarna vast in het dossier.',

    'invite.mail.attached':
      'Een agenda-uitnodiging voor het gesprek met {employee} op {when} (Nederlandse tijd) zit bij deze mail. Het tijdstip is een voorstel; verzet het gerust in overleg.',
    'invite.mail.moved':
      'Het gesprek met {employee} is daarom verplaatst naar {when} (Nederlandse tijd); de agenda-uitnodiging bij deze mail werkt je agenda bij.',
    'invite.mail.subject': 'Uitnodiging: {meetingTitle}',
    'invite.mail.subject.moved': 'Uitnodiging verplaatst: {meetingTitle}',
    'invite.mail.title.conversation': 'gesprek met {manager}',
    'invite.mail.title.follow-up': 'voortgangsgesprek {meeting} met {manager}',
    'invite.mail.conversation.body':
      '{manager} wil graag met je in gesprek. Het voorstel is {when} (Nederlandse tijd).',
    'invite.mail.follow-up.body':
      '{manager} bespreekt met je hoe het gaat met de doelen uit je verbeterplan, in voortgangsgesprek {meeting}. Het voorstel is {when} (Nederlandse tijd).',
    'invite.mail.moved.body': 'Het gesprek is verplaatst naar {when} (Nederlandse tijd).',
    'invite.mail.calendar':
      'De agenda-uitnodiging zit bij deze mail. Past het tijdstip niet, overleg dan met {manager} over een ander moment.',
  },
  en: {
    'invite.organizer': 'HR',
    'invite.filename': 'invitation.ics',
    'invite.conversation.summary': 'Meeting {manager} and {employee}',
    'invite.follow-up.summary':
      'Improvement trajectory follow-up meeting {meeting}: {manager} and {employee}',
    'invite.conversation.description': 'A meeting of {manager} with {employee}.',
    'invite.follow-up.description':
      'Follow-up meeting {meeting} of {manager} with {employee}: progress on each goal of the improvement plan, what goes well, what needs attention and which support helps.',
    'invite.proposal':
      'The time is a proposal. If it does not suit, agree on another moment together; {manager} records the conversation in the dossier afterwards.',

    'invite.mail.attached':
      'A calendar invitation for the conversation with {employee} on {when} (Dutch time) comes with this mail. The time is a proposal; feel free to move it by agreement.',
    'invite.mail.moved':
      'The conversation with {employee} has therefore moved to {when} (Dutch time); the calendar invitation with this mail updates your calendar.',
    'invite.mail.subject': 'Invitation: {meetingTitle}',
    'invite.mail.subject.moved': 'Invitation moved: {meetingTitle}',
    'invite.mail.title.conversation': 'conversation with {manager}',
    'invite.mail.title.follow-up': 'follow-up meeting {meeting} with {manager}',
    'invite.mail.conversation.body':
      '{manager} would like to meet with you. The proposed time is {when} (Dutch time).',
    'invite.mail.follow-up.body':
      '{manager} will discuss the progress on the goals of your improvement plan with you, in follow-up meeting {meeting}. The proposed time is {when} (Dutch time).',
    'invite.mail.moved.body': 'The conversation has moved to {when} (Dutch time).',
    'invite.mail.calendar':
      'The calendar invitation comes with this mail. If the time does not suit, agree on another moment with {manager}.',
  },
});
