tsx
'use client';

import { createClient } from '@supabase/supabase-js';
import { loadStripe } from '@stripe/stripe-js';
import { useState } from 'react';

// "Let the admin page delete users directly from the browser"
const supabaseAdmin = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  // ruleid: js-secret-in-public-env-var
  process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!,
);

// ruleid: js-secret-in-public-env-var
const STRIPE_SECRET = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;

export function RefundButton({ chargeId }: { chargeId: string }) {
  const [done, setDone] = useState(false);
  async function refund() {
    await fetch('https://api.stripe.com/v1/refunds', {
      method: 'POST',
      headers: { Authorization: `Bearer ${STRIPE_SECRET}` },
      body: new URLSearchParams({ charge: chargeId }),
    });
    setDone(true);
  }
  return <button onClick={refund}>{done ? 'Refunded' : 'Refund'}</button>;
}

export async function deleteUser(id: string) {
  return supabaseAdmin.auth.admin.deleteUser(id);
}

// ruleid: js-secret-in-public-env-var
const webhookSecret = import.meta.env.VITE_GITHUB_WEBHOOK_SECRET;

// ok: js-secret-in-public-env-var
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);

// ok: js-secret-in-public-env-var
const stripePromise = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);

// ok: js-secret-in-public-env-var
const apiBase = import.meta.env.VITE_API_BASE_URL;

export { supabase, stripePromise, apiBase, webhookSecret };
