// OAuth popup callback page generated for "sign in with GitHub in a popup"
async function finishOAuth() {
  const params = new URLSearchParams(window.location.search);
  const res = await fetch('/api/oauth/github/callback?code=' + params.get('code'));
  const { accessToken, user } = await res.json();
  // ruleid: js-postmessage-secret-to-any-origin
  window.opener.postMessage({ type: 'oauth-success', accessToken, user }, '*');
  window.close();
}

// embeddable widget bridge
function sendSessionToWidget(iframe, session) {
  // ruleid: js-postmessage-secret-to-any-origin
  iframe.contentWindow.postMessage(JSON.stringify({ type: 'init', sessionToken: session.token }), '*');
}

function notifyParent(apiKey) {
  // ruleid: js-postmessage-secret-to-any-origin
  window.parent.postMessage({ type: 'ready', payload: { apiKey } }, '*');
}

const APP_ORIGIN = 'https://app.example.com';

async function finishOAuthSafe() {
  const { accessToken } = await (await fetch('/api/oauth/finish')).json();
  // ok: js-postmessage-secret-to-any-origin
  window.opener.postMessage({ type: 'oauth-success', accessToken }, APP_ORIGIN);
}

function reportHeight() {
  // ok: js-postmessage-secret-to-any-origin
  window.parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, '*');
}

function sendToWorker(worker, job) {
  // ok: js-postmessage-secret-to-any-origin
  worker.postMessage({ jobId: job.id, token: job.token });
}

export { finishOAuth, sendSessionToWidget, notifyParent, finishOAuthSafe, reportHeight, sendToWorker };
