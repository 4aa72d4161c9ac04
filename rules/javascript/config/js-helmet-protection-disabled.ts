import express from 'express';
import helmet from 'helmet';

const app = express();

// "The Stripe checkout script is blocked by CSP, fix it"
// ruleid: js-helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: false }));

const admin = express();
// ruleid: js-helmet-protection-disabled
admin.use(helmet({ crossOriginEmbedderPolicy: false, frameguard: false }));

const api = express();
// ruleid: js-helmet-protection-disabled
api.use(helmet({ hsts: false }));

const safe = express();
safe.use(
  // ok: js-helmet-protection-disabled
  helmet({
    contentSecurityPolicy: {
      directives: { scriptSrc: ["'self'", 'https://js.stripe.com'], frameSrc: ['https://js.stripe.com'] },
    },
  }),
);

// ok: js-helmet-protection-disabled
safe.use(helmet({ crossOriginEmbedderPolicy: false }));

// ok: js-helmet-protection-disabled
safe.use(helmet());

export { app, admin, api, safe };
