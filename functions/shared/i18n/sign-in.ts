import { defineMessages } from './define.ts';

/** The dashboard's sign-in through the Cognito Hosted UI: what a person sees when it goes wrong. */
export const signInMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'signIn.problem.title': 'Inloggen is niet gelukt',
    'signIn.notConfigured.title': 'Inloggen is hier niet ingericht',
    'signIn.notConfigured.body':
      'Deze omgeving heeft geen aanmeldpagina voor het dashboard. De beheerder richt die in met de CDK-contextwaarde cognitoDomainPrefix.',
    'signIn.refused.body':
      'Het inloggen is afgebroken of geweigerd. Probeer het opnieuw, of vraag HR om toegang als je die nog niet hebt.',
    'signIn.failed.body':
      'De aanmeldpagina gaf een antwoord dat we niet konden gebruiken. Begin opnieuw met inloggen.',
    'signIn.state.body':
      'Deze aanmeldpoging hoort niet bij deze browser of is verlopen. Begin opnieuw met inloggen, in één venster.',
    'signIn.exchange.body':
      'We konden het inloggen niet afronden. Begin opnieuw; lukt het dan nog niet, neem dan contact op met de beheerder.',
    'signIn.token.body':
      'Het bewijs van inloggen is niet geldig voor deze omgeving. Begin opnieuw met inloggen.',
    'signIn.noRole.body':
      'Je account heeft geen rol in deze applicatie. Vraag de beheerder om je aan de groep hr of manager toe te voegen.',
    'signIn.retry': 'Opnieuw inloggen',
  },
  en: {
    'signIn.problem.title': 'Signing in did not work',
    'signIn.notConfigured.title': 'Sign-in is not set up here',
    'signIn.notConfigured.body':
      'This environment has no sign-in page for the dashboard. An administrator sets one up with the CDK context value cognitoDomainPrefix.',
    'signIn.refused.body':
      'Signing in was cancelled or refused. Try again, or ask HR for access if you do not have it yet.',
    'signIn.failed.body': 'The sign-in page gave an answer we could not use. Start signing in again.',
    'signIn.state.body':
      'This sign-in attempt does not belong to this browser or has expired. Start signing in again, in one window.',
    'signIn.exchange.body':
      'We could not complete the sign-in. Start again; if it still fails, contact your administrator.',
    'signIn.token.body': 'The proof of sign-in is not valid for this environment. Start signing in again.',
    'signIn.noRole.body':
      'Your account has no role in this application. Ask your administrator to add you to the hr or manager group.',
    'signIn.retry': 'Sign in again',
  },
});
