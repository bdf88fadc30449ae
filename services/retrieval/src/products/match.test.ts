import { beforeAll, describe, expect, it } from '@jest/globals';
import { ProductFacts } from '@parley/contracts';
import { loadProducts } from '@parley/demo-store';
import { Catalogue, matchProducts } from './match.js';
import { singular, words } from '@parley/catalog';
import { loadWordVectors, wordSimilarity } from '@parley/word-vectors';

let demo: Catalogue;
beforeAll(async () => {
  demo = new Catalogue(await loadProducts());
});

const variant = (itemId: string, options: Record<string, string>, price = 10) => ({
  itemId,
  options,
  available: true,
  price,
});

describe('words', () => {
  it('lower-cases, respells and makes plurals singular', () => {
    expect(words('Office CHAIRS, grey watches & 2 batteries; 1.5L')).toEqual([
      'office',
      'chair',
      'gray',
      'watch',
      '2',
      'battery',
      '1.5',
      'l',
    ]);
    expect(['glasses', 'sunglasses', 'shoes', 'canvas'].map(singular)).toEqual([
      'glass',
      'sunglass',
      'shoe',
      'canva',
    ]);
  });
});

describe('matchProducts on the demo catalogue', () => {
  const names = (text: string) => matchProducts(text, demo).map((p) => p.name);

  it('finds products by name whatever the case or number', () => {
    expect(names('Do you sell OFFICE CHAIRS?')).toEqual(['Office Chair']);
    expect(names('two t-shirts and a tshirt')).toEqual(['T-Shirt']);
    expect(names('my e-reader and the wrist watch')).toEqual(['E-Reader', 'Wristwatch']);
    expect(names('a question about sunglasses')).toEqual(['Sunglasses']);
  });

  it('finds a product by the last words of its name, as customers shorten it', () => {
    expect(names('is the keyboard in stock in blue switches?')).toEqual(['Mechanical Keyboard']);
    expect(names('How long is your longest hose?')).toEqual(['Garden Hose']);
    // The longest tail found decides: "security camera" is one product, "camera" alone is each of three.
    expect(names('does the security camera work at night')).toEqual(['Indoor Security Camera']);
    expect(names('what cameras do you have').sort()).toEqual([
      'Action Camera',
      'Digital Camera',
      'Indoor Security Camera',
    ]);
    // A name in full outranks another product's tail at the same place.
    expect(names('the tea kettle, not the other one')).toEqual(['Tea Kettle']);
    expect(names('my wrist watch')).toEqual(['Wristwatch']);
  });

  it('never takes a name by a last word that only says what kind of thing it is', () => {
    expect(names('Can you set my address to the new one? What kit do I need?')).toEqual([]);
    expect(names('the machine that makes coffee')).toEqual([]);
  });

  it('lists products in order of mention and finds nothing in unrelated text', () => {
    expect(names('The yoga mat or the dumbbell sets?')).toEqual(['Yoga Mat', 'Dumbbell Set']);
    expect(names('Where is my parcel? It was due on Monday.')).toEqual([]);
  });

  it('narrows to the variants with every option named', () => {
    const [chair] = matchProducts(
      'Does the office chair come in black leather with adjustable armrests, and is it in stock? How much?',
      demo,
    );
    expect(chair).toEqual({
      productId: '4794339885',
      name: 'Office Chair',
      variants: [
        {
          itemId: '4648362606',
          options: {
            material: 'leather',
            color: 'black',
            armrest: 'adjustable',
            'backrest height': 'high-back',
          },
          available: true,
          price: 503.76,
        },
      ],
    });
    expect(ProductFacts.safeParse(chair).success).toBe(true);
  });

  it('keeps every variant when no variant has all the options named', () => {
    const [chair] = matchProducts('An office chair in red leather with adjustable armrests?', demo);
    expect(chair!.variants).toHaveLength(13);
  });

  it('reads "no armrests" as the option none', () => {
    const [chair] = matchProducts('a blue leather office chair with no armrests', demo);
    expect(chair!.variants.map((v) => v.options)).toEqual([
      { material: 'leather', color: 'blue', armrest: 'none', 'backrest height': 'standard' },
      { material: 'leather', color: 'blue', armrest: 'none', 'backrest height': 'high-back' },
    ]);
  });

  it('counts a size letter only next to the word size', () => {
    const all = matchProducts("Is the t-shirt still sold? It's for my son", demo)[0]!.variants;
    const sized = matchProducts('the t-shirt in size S, in blue', demo)[0]!.variants;
    expect(all).toHaveLength(12);
    expect(sized.length).toBeGreaterThan(0);
    expect(sized.every((v) => v.options.size === 'S' && v.options.color === 'blue')).toBe(true);
  });
});

describe('matchProducts', () => {
  const catalogue = new Catalogue([
    { id: 'w', name: 'Watch', variants: [variant('w1', { color: 'gray' })] },
    {
      id: 'sw',
      name: 'Smart Watch',
      variants: [variant('sw1', { color: 'grey' }), variant('sw2', { color: 'black' })],
    },
  ]);

  it('does not count a name inside a longer one, and meets grey with gray', () => {
    expect(matchProducts('the smart watch in gray', catalogue)).toEqual([
      { productId: 'sw', name: 'Smart Watch', variants: [variant('sw1', { color: 'grey' })] },
    ]);
    expect(matchProducts('a watch and a smart watch', catalogue).map((p) => p.productId)).toEqual([
      'w',
      'sw',
    ]);
  });

  it('keeps at most 10 products and 50 variants each', () => {
    const many = new Catalogue(
      Array.from({ length: 12 }, (_, i) => ({
        id: `p${i}`,
        name: `Gadget${i}`,
        variants: Array.from({ length: 60 }, (_, j) => variant(`p${i}-${j}`, { color: 'red' })),
      })),
    );
    const text = Array.from({ length: 12 }, (_, i) => `gadget${i}`).join(' ');
    const found = matchProducts(text, many);
    expect(found.map((p) => p.productId)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
    expect(found.every((p) => p.variants.length === 50)).toBe(true);
  });
});

describe('matchProducts with word vectors', () => {
  let withVectors: Catalogue;
  beforeAll(async () => {
    withVectors = new Catalogue(await loadProducts(), wordSimilarity(await loadWordVectors()));
  });
  const names = (text: string) => matchProducts(text, withVectors).map((p) => p.name);

  it('finds a product named in other words when no name of the catalogue is written', () => {
    expect(names('how much is the black mountain bike')).toEqual(['Bicycle']);
    expect(names('do you have a headset with noise cancelling?')).toEqual(['Headphones']);
    expect(names('do you sell bikes for kids?')).toEqual(['Bicycle']);
  });

  it('keeps a name written in the catalogue words first, and finds nothing in unrelated text', () => {
    expect(names('the cycling helmet for my bike')).toEqual(['Cycling Helmet']);
    expect(names('Where is my parcel? It was due on Monday.')).toEqual([]);
    expect(names('I was charged twice for my order, please refund the card')).toEqual([]);
  });

  it('reads other words only with word vectors', () => {
    expect(matchProducts('how much is the black mountain bike', demo)).toEqual([]);
  });
});
