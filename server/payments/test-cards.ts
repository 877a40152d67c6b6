// Stripe's test card numbers and what each does, as the local provider honours them
// (https://docs.stripe.com/testing). Any other number is refused as Stripe's test mode
// refuses a real card.

export type CardOutcome =
  | { kind: 'succeeded' }
  /** The bank said no: 402, and `payment_intent.payment_failed`. */
  | { kind: 'declined'; code: 'card_declined'; declineCode: string; message: string }
  /** The card data is wrong: 422, and `payment_intent.payment_failed`. */
  | { kind: 'invalid'; code: string; message: string };

const OUTCOMES: Readonly<Record<string, CardOutcome>> = {
  '4242424242424242': { kind: 'succeeded' },
  '4000056655665556': { kind: 'succeeded' },
  '5555555555554444': { kind: 'succeeded' },
  '4000000000000002': { kind: 'declined', code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  '4000000000009995': { kind: 'declined', code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '4000000000009987': { kind: 'declined', code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' },
  '4000000000009979': { kind: 'declined', code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' },
  '4000000000000069': { kind: 'invalid', code: 'expired_card', message: 'Your card has expired.' },
  '4000000000000127': { kind: 'invalid', code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
};

export const TEST_CARD_NUMBERS = Object.keys(OUTCOMES);

/** What confirming with `cardNumber` (spaces allowed) does. */
export function cardOutcome(cardNumber: string): CardOutcome {
  const digits = cardNumber.replace(/[\s-]/g, '');
  return (
    OUTCOMES[digits] ?? {
      kind: 'invalid',
      code: 'incorrect_number',
      message: 'Your card number is not a Stripe test card; the sandbox takes test cards only (4242 4242 4242 4242 succeeds).',
    }
  );
}
