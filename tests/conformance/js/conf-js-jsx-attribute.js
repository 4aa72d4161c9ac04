function C({ html }) {
  // ruleid: conf-js-jsx-attribute
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
function D({ text }) {
  // ok: conf-js-jsx-attribute
  return <div title={text} />;
}
