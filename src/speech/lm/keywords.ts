// The words the rules brain classifies by (brain/topics.ts topic patterns, brain/intent.ts transfer
// words) that the other sentence groups never use. A word outside the LM can never be recognized, so
// "operator please" or "my parcel is late" came out as other words and the brain had nothing to act on.
// Each keyword gets a few plain caller sentences (rotating carriers), so no group outweighs the rest.
// Written from the brain's word lists, not from any DEV or held-out sentence.
import { rotations } from './templates.js';

/** People and desks asked for: brain/intent.ts TRANSFER. */
const PEOPLE = ['an operator', 'the operator', 'a receptionist', 'the receptionist', 'a supervisor', 'your supervisor', 'a rep', 'a customer service rep'];
const PEOPLE_CARRIERS = ['i need', 'can i get', 'get me', 'give me', 'i want to talk to', 'let me speak to', 'put me through to', '{} please'];
const DESKS = ['the billing team', 'the support team', 'the sales team', 'your team', 'the help desk', 'the front desk', 'the service desk'];
const DESK_CARRIERS = ['can i talk to', 'i need to speak to', 'forward me to', 'patch me through to', 'i want to chat with', 'connect me with'];

/** Topic nouns: brain/topics.ts. */
const NOUNS = [
  'my bills', 'the invoices', 'the charges', 'the fees', 'the price', 'the cost', 'my money', 'my debit card', 'the direct debit',
  'the subscription fee', 'my orders', 'my parcel', 'the parcel', 'the product', 'the products', 'your catalog', 'the tracking number',
  'my purchase', 'the wireless', 'my broadband', 'the application', 'my login', 'the wi fi',
];
const NOUN_CARRIERS = ['i have a question about', "it's about", 'there is a problem with', 'i am calling about', 'something is wrong with', 'can you check'];

/** Topic verbs and their forms: brain/topics.ts. */
const VERB_SENTENCES = [
  'i returned it', 'i am returning it', 'i want it refunded', 'i was never refunded', 'it never shipped', 'has it shipped yet',
  'i purchased it online', 'i want to purchase one', 'i am buying a new one', 'i am ordering online', 'i am paying by card',
  'i am installing the app', 'the app crashes', 'it crashes all the time', 'it freezes all the time', 'the computer freezes',
  'i had to reboot it', 'i had to restart it', 'how much does it cost', 'how much are the fees', 'what are the charges',
  'how do i pay by auto pay', 'i need to set up direct debit',
];

/** Each item under `per` carriers, rotating through them; "{}" marks where the item goes (default: after). */
const carried = (items: readonly string[], carriers: readonly string[], per: number): string[] =>
  rotations(items, carriers, per, (item, carrier) => (carrier.includes('{}') ? carrier.replace('{}', item) : `${carrier} ${item}`));

export function keywordSentences(): string[] {
  return [...carried(PEOPLE, PEOPLE_CARRIERS, 3), ...carried(DESKS, DESK_CARRIERS, 3), ...carried(NOUNS, NOUN_CARRIERS, 2), ...VERB_SENTENCES];
}
