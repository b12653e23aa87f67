import type { RegisterAnswers } from '../app/register-answers.js';
import { DomainError, errorText } from '../domain/index.js';
import { REGISTER_PAGE, registerView } from './cards/register-view.js';
import { REGISTER_TEXTS as R } from './cards/register-texts.js';
import { renderCard } from './cards/render.js';
import { doneBy, type Reply, type Turn } from './reply.js';
import { TEXTS, say } from './texts.js';

/** The `register` card: the register's assumptions, and the DPO's Bekræft / Ret / Afvis on one of them. */
export class RegisterController {
  constructor(private readonly deps: { answers?: RegisterAnswers | undefined; now: () => string }) {}

  async show({ page }: { page: number }, turn: Turn, banner?: string): Promise<Reply> {
    const { answers } = this.deps;
    if (!answers) return { text: say(turn.lang, R.notSetUp) };
    const states = await answers.states();
    return { card: renderCard('register', registerView(states, { lang: turn.lang, page, ...(banner ? { banner } : {}) })) };
  }

  async answer(input: { id: string; decision: string; text?: { da?: string; en?: string }; page: number }, turn: Turn): Promise<Reply> {
    const { answers } = this.deps;
    if (!answers) return { text: say(turn.lang, R.notSetUp) };
    let decision: keyof typeof R.done;
    try {
      decision = (await answers.answer(input, turn.actor)).decision;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { text: say(turn.lang, TEXTS.failed, { reason: errorText(error, turn.lang) }) };
    }
    // The card comes back on the page the DPO was on, with the answer now in force.
    const states = await answers.states();
    const index = states.findIndex((s) => s.assumption.id === input.id);
    const state = states[index];
    const page = index >= 0 ? Math.floor(index / REGISTER_PAGE) + 1 : input.page;
    const banner = state
      ? doneBy(turn, say(turn.lang, R.done[decision], { topic: state.assumption.topic[turn.lang] }), this.deps.now())
      : undefined;
    return { card: renderCard('register', registerView(states, { lang: turn.lang, page, ...(banner ? { banner } : {}) })) };
  }
}
