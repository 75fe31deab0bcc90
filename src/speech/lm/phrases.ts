// Training sentences for the free-speech language model: what callers say to a receptionist about
// orders, technical support, billing and general matters, plus names and the configured FAQ/topics.
// Template-generated on purpose (templates.ts crosses their parts): no evaluation sentence is copied here
// (that would overfit the DEV corpus). Group sizes are kept comparable: a group with many more sentences
// (every request under every tail, every name twice) pulls the recognizer towards its words everywhere.
import { rotate, templateSentences } from './templates.js';
import { keywordSentences } from './keywords.js';

export interface DomainVocabulary {
  /** Extra topics or department names ("returns", "warranty"). */
  topics?: string[];
  /** FAQ questions as callers would ask them. */
  faq?: string[];
  /** Customer and agent names ("Ada Lovelace"). */
  names?: string[];
  /** Any further example sentences. */
  phrases?: string[];
}

const FIRST_NAMES = [
  'james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david',
  'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'christopher', 'nancy',
  'daniel', 'lisa', 'matthew', 'betty', 'anthony', 'margaret', 'mark', 'sandra', 'donald', 'ashley', 'steven',
  'emily', 'paul', 'donna', 'andrew', 'michelle', 'joshua', 'maria', 'kevin', 'amanda', 'brian', 'melissa', 'george',
  'deborah', 'tom', 'anna', 'peter', 'laura',
];
const LAST_NAMES = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez',
  'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez',
  'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson', 'walker', 'young', 'allen',
  'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores', 'green', 'adams', 'nelson', 'baker', 'hall',
  'rivera', 'campbell', 'mitchell', 'carter', 'roberts',
];

const WANT = ['i want to', "i'd like to", 'i need to', 'can i', 'can you help me', 'i would like to', 'i have to', 'i was hoping to'];
const PERSON = ['someone', 'a person', 'a real person', 'an agent', 'a human', 'somebody', 'a representative', 'the manager'];
const DEPARTMENTS = ['sales', 'billing', 'support', 'technical support', 'tech support', 'customer service', 'the order department', 'accounting', 'shipping'];
const TALK = ['speak to', 'talk to', 'speak with', 'talk with'];

const ORDER_ACTIONS = [
  'check the status of my order', 'place an order', 'place a new order', 'cancel my order', 'cancel an order',
  'change my order', 'return an item', 'return my order', 'track my package', 'track my order', 'order more',
  'add an item to my order', 'change the shipping address', 'change the delivery date', 'exchange an item',
  'order a replacement', 'get a refund for my order', 'buy a new phone', 'order some more boxes', 'update my order',
];
const ORDER_STATEMENTS = [
  'my package never arrived', "i haven't received my order", 'my order is late', 'the package was damaged',
  'i got the wrong item', 'my order is missing an item', 'the delivery never came', 'i ordered it last week',
  'i placed an order yesterday', 'it was delivered to the wrong address', 'the box was empty', 'my order number is',
];
const ORDER_QUESTIONS = [
  'where is my order', 'when will my order arrive', 'how long does delivery take', 'how much is shipping',
  'do you ship overnight', 'is this item in stock', 'do you have it in stock', 'can i pick it up in the store',
  'what is your return policy', 'how do i return something', 'do you have the red one', 'when will it ship',
];
const SUPPORT_STATEMENTS = [
  'my internet is not working', 'my internet is down', 'my internet keeps going down', 'the internet is very slow',
  'my wifi keeps disconnecting', 'my modem is not working', 'my router keeps restarting', 'my phone is not working',
  'the app is not working', 'the app crashed', 'my computer is frozen', 'i forgot my password', "i can't sign in",
  "i can't access my account", 'my account is locked', 'my email is not working', 'the connection keeps dropping',
  'the tv is not working', 'i have no signal', 'the light on the modem is blinking', 'i rebooted the router',
  'i already restarted it', 'i tried that already', 'i restarted the computer', 'it stopped working yesterday',
  'the screen is black', 'my service is out', 'nothing works', 'it keeps crashing', 'the device will not turn on',
];
const SUPPORT_ACTIONS = [
  'reset my password', 'set up my new router', 'set up my modem', 'install the app', 'fix my internet',
  'get my wifi working', 'report an outage', 'upgrade my plan', 'log in to my account', 'activate my device',
];
const SUPPORT_QUESTIONS = [
  'is there an outage', 'is the network down', 'why is my internet slow', 'how do i reset my router',
  'how do i change my password', 'why does my wifi keep dropping', 'what is my account number', 'is the service down in my area',
];
const BILLING_STATEMENTS = [
  'i was charged twice', 'there is an extra charge on my bill', 'my bill is too high', 'i was overcharged',
  'i see a charge i do not recognize', 'i already paid my bill', 'i paid it last month', 'my payment did not go through',
  'my card was declined', 'i have a question about my bill', 'i have a question about a charge', 'my autopay failed',
];
const BILLING_ACTIONS = [
  'pay my bill', 'make a payment', 'update my credit card', 'change my payment method', 'set up autopay',
  'set up automatic payments', 'cancel autopay', 'get a refund', 'dispute a charge', 'get a copy of my bill',
  'get my invoice', 'get a receipt', 'change my billing address', 'talk about my bill', 'pay with a credit card',
];
const BILLING_QUESTIONS = [
  'how much do i owe', 'when is my bill due', 'when is my payment due', 'what is my balance', 'why is my bill higher',
  'why was i charged', 'do you take credit cards', 'can i pay by phone', 'what is this charge', 'is there a late fee',
];
const OTHER_QUESTIONS = [
  'what are your hours', 'what time do you open', 'what time do you close', 'are you open today', 'are you open on saturday',
  'are you open on the weekend', 'where are you located', 'what is your address', 'what is your phone number',
  'what is your website', 'are you hiring', 'how do i contact you', 'who am i speaking with', 'can you help me',
  'what can you do', 'is anyone there',
];
const OTHER_STATEMENTS = [
  'i want to make a complaint', "i'm calling about my account", "i'm calling about a problem", 'i have a question',
  'it is about my account', 'it is about my bill', 'it is about my order', 'it is about my internet', 'it is a personal matter',
  'i want to update my address', 'i want to change my phone number', 'i want to leave a message', 'i have some feedback',
  'thank you', 'thank you very much', 'goodbye', 'that is all', 'hello', 'hi', 'good morning', 'good afternoon',
];
const OPENERS = ['yes', 'hi', 'hello', 'um', 'uh', 'well', 'yeah', 'so', 'okay'];
const LEAD_INS = ['', ...OPENERS.map((o) => `${o} `)];
const TAILS = ['', ' please', ' today', ' right now', ' thank you'];

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'zero', 'oh'];

function cross(a: readonly string[], b: readonly string[], join = ' '): string[] {
  return a.flatMap((x) => b.map((y) => `${x}${join}${y}`.trim()));
}

const NAME_TEMPLATES = ['{}', 'my name is {}', 'this is {}', "it's {}", "i'm {}", '{} speaking', 'you can call me {}', 'can i speak with {}'];

/**
 * Each name in `per` templates (rotating): names are many, and weighting them all pushed names into every
 * turn. Generic US names get one template (DEV: two gave requests 52/60 and name WER 60.5 %, one gave
 * 53/60 and 57.9 %), the deployment's own names two.
 */
function namePhrases(names: readonly string[], per: number): string[] {
  return names.flatMap((name, i) => [0, 3].slice(0, per).map((k) => NAME_TEMPLATES[(i + k) % NAME_TEMPLATES.length]!.replace('{}', name)));
}

function generatedNames(): string[] {
  const out: string[] = [...FIRST_NAMES];
  FIRST_NAMES.forEach((first, i) => out.push(`${first} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`, `${first} ${LAST_NAMES[(i * 7 + 13) % LAST_NAMES.length]}`));
  return out;
}

/** General phone vocabulary with a few carriers each, so common words are not out of vocabulary. */
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'yesterday', 'last week', 'next week', 'this morning', 'last month', 'this month'];
const GENERAL_CARRIERS = ['i called {}', 'it happened {}', 'i paid {}', 'are you open {}', 'can someone call me back {}', 'i ordered it {}'];
const GENERAL_PHRASES = [
  'what are your opening hours', 'where is your office', 'i have a general question', 'it is just a question', 'i want to file a complaint',
  'i want to give some feedback', 'do you accept credit cards', 'do you accept checks', 'i need my account statement', 'there is a charge on my statement',
  'when is my next bill', 'when is the next payment', 'i bought it last week', 'i bought a new phone', 'which model do you have', 'do you have it in blue',
  'do you have it in black', 'do you have it in white', 'do you have any openings', 'are there any job openings', 'i need help setting up my account',
  'i need help setting up my phone', 'my mailing address changed', 'i want to update my mailing address', 'can you call me back', 'please call me back',
  'how are you', 'i am fine thank you', 'just a moment', 'hold on please', 'sorry i did not hear you', 'can you say that again', 'i have an appointment',
  'i want to make an appointment', 'i want to cancel my appointment', 'i want to cancel my service', 'i want to upgrade', 'i am moving to a new address',
];

/** Receptionist-call sentences plus the deployment's own topics, FAQ, names and phrases. */
export function domainSentences(vocabulary: DomainVocabulary = {}): string[] {
  const departments = [...DEPARTMENTS, ...(vocabulary.topics ?? [])];
  const actions = [...ORDER_ACTIONS, ...SUPPORT_ACTIONS, ...BILLING_ACTIONS];
  const statements = [...ORDER_STATEMENTS, ...SUPPORT_STATEMENTS, ...BILLING_STATEMENTS, ...OTHER_STATEMENTS];
  const questions = [...ORDER_QUESTIONS, ...SUPPORT_QUESTIONS, ...BILLING_QUESTIONS, ...OTHER_QUESTIONS, ...(vocabulary.faq ?? [])];
  const transfer = [
    ...rotate(cross(WANT, TALK), [...PERSON, ...departments.map((d) => `someone in ${d}`)], 6),
    ...cross(['transfer me to', 'connect me to', 'put me through to', 'connect me with', 'can you transfer me to', 'please transfer me to'], [...PERSON, ...departments.map((d) => `the ${d} department`), ...departments]),
    ...rotate(cross(WANT, TALK), ['someone about my order', 'someone about my bill', 'an agent about my account', 'a technician'], 2),
  ];
  const requests = cross(WANT, actions);
  // Every digit pair once per carrier, not every pair under every carrier: digit words with too much mass
  // turn unclear stretches of any sentence into digits.
  const numbers = rotate(['my order number is', 'the order number is', 'the account number is', 'my account number is', 'my zip code is', 'my phone number is'], cross(NUMBER_WORDS, NUMBER_WORDS), 20);
  const sentences = [
    // Bare, then with two rotating openers: callers mostly start straight away, so "<s> what" must stay likely.
    ...[...statements, ...questions].flatMap((s, i) => [s, ...[1, 2].map((k) => `${OPENERS[(i * 2 + k) % OPENERS.length]} ${s}`)]),
    ...rotate(requests, TAILS, 1, ''), // one tail each (rotating), not all five
    ...templateSentences(),
    ...keywordSentences(),
    ...transfer,
    ...numbers,
    ...namePhrases(generatedNames(), 1),
    ...cross(LEAD_INS.slice(0, 4), GENERAL_PHRASES),
    ...GENERAL_CARRIERS.flatMap((carrier) => DAYS.map((day) => carrier.replace('{}', day))),
    ...namePhrases(vocabulary.names ?? [], 2),
    ...(vocabulary.phrases ?? []),
    ...(vocabulary.topics ?? []).flatMap((t) => [`it's about ${t}`, `i have a question about ${t}`, `${t} please`]),
  ];
  return sentences.map((s) => s.toLowerCase().trim()).filter((s) => s.length > 0);
}
