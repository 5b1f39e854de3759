declare module 'nsyslog-parser' {
  function parse(line: string, options?: Record<string, unknown>): unknown;
  export default parse;
}
