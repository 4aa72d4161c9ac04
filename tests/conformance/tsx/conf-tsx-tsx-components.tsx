export function Preview({ html }: { html: string }) {
  // ruleid: conf-tsx-tsx-components
  return <section className="p" dangerouslySetInnerHTML={{ __html: html }} />;
}
export function Safe({ text }: { text: string }) {
  // ok: conf-tsx-tsx-components
  return <section>{text}</section>;
}
