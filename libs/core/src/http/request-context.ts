import { AsyncLocalStorage } from 'node:async_hooks';

/** What the code handling one HTTP request may need to know about it without it being passed down. */
export interface RequestContext {
  requestId: string;
  /** The signed-in user, once authentication has resolved them (API bearer token or web session). */
  actor?: { id: string; role: string };
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Entered once per request by the HTTP layer (onRequest hook); jobs and CLIs run outside any request. */
export const requestContext = {
  enter(context: RequestContext): void {
    storage.enterWith(context);
  },
  /** Records who is acting in this request (audit rows name them without it being passed down). */
  identify(actor: { id: string; role: string }): void {
    const context = storage.getStore();
    if (context) context.actor = { id: actor.id, role: actor.role };
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
