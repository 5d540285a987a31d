/** The network port: the one fetch signature every HTTP request goes through (the model client, MCP over HTTP). */

/** What `fetch` is to the openai client: Obsidian's requestUrl behind it in the app, Node's own fetch in the CLI and tests. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
