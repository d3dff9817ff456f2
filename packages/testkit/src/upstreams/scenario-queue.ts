/**
 * A standing scenario plus a queue of one-shot scenarios: `queue(a, b)` makes the next two requests
 * use `a` then `b`, after which the standing scenario (set with `set`) applies again.
 */
export class ScenarioQueue<TScenario> {
  private standing: TScenario;
  private readonly oneShots: TScenario[] = [];

  constructor(private readonly initial: TScenario) {
    this.standing = initial;
  }

  set(scenario: TScenario): void {
    this.standing = scenario;
  }

  queue(...scenarios: TScenario[]): void {
    this.oneShots.push(...scenarios);
  }

  next(): TScenario {
    return this.oneShots.shift() ?? this.standing;
  }

  reset(): void {
    this.standing = this.initial;
    this.oneShots.length = 0;
  }
}
