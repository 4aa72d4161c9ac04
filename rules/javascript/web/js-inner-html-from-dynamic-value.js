// Audit: HTML sinks fed a value computed somewhere else.

function renderProfileCard(card, profile) {
  // the card markup comes from the API response
  // ruleid: js-inner-html-from-dynamic-value
  card.outerHTML = profile.cardHtml;
}

function showNotice(el, notice) {
  // ruleid: js-inner-html-from-dynamic-value
  el.innerHTML = notice.message.trim();
}

function setCaption(figcaption, caption) {
  // ruleid: js-inner-html-from-dynamic-value
  figcaption.innerHTML = caption;
}

function showComment(el, comment) {
  // built right here: reported by js-inner-html-from-variable instead
  // ok: js-inner-html-from-dynamic-value
  el.innerHTML = `<p>${comment.body}</p>`;
}

function showPlain(el, comment) {
  // ok: js-inner-html-from-dynamic-value
  el.textContent = comment.body;
}

function showSanitized(el, html) {
  // ok: js-inner-html-from-dynamic-value
  el.innerHTML = DOMPurify.sanitize(html);
}

function clear(el) {
  // ok: js-inner-html-from-dynamic-value
  el.innerHTML = "";
}
