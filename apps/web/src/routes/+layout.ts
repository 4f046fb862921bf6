// The signed-in app renders in the browser; pages that must work without JavaScript opt back in.
export const ssr = false;
