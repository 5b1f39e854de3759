// A client-rendered single-page app: the API serves the shell and the data.
export const ssr = false;
export const prerender = false;
