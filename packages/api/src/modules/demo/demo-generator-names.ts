import type { Faker } from '@faker-js/faker';
import type { SeededRandom } from './demo-generator-random.js';

/**
 * Names drawn from a seeded faker once, then picked with the run's own generator: calling faker per
 * customer would be the slowest part of a multi-million-order run.
 */
export class NamePool {
  private readonly femaleFirstNames: string[];
  private readonly maleFirstNames: string[];
  private readonly lastNames: string[];

  constructor(faker: Faker) {
    this.femaleFirstNames = Array.from({ length: 3000 }, () => faker.person.firstName('female'));
    this.maleFirstNames = Array.from({ length: 1000 }, () => faker.person.firstName('male'));
    this.lastNames = Array.from({ length: 3000 }, () => faker.person.lastName());
  }

  /** Boutique shoppers are mostly women. */
  firstName(random: SeededRandom): string {
    return random.pick(random.chance(0.88) ? this.femaleFirstNames : this.maleFirstNames);
  }

  lastName(random: SeededRandom): string {
    return random.pick(this.lastNames);
  }
}
