import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

// Codes of this file only, so demo coupons (DEMO10) never change what it expects.
beforeAll(async () => {
  const userId = async (email: string) => (await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`))[0]!.id;
  const listener = await userId(demoEmail('listener'));
  const producer = await userId(demoEmail('producer'));
  await t.server.rows(sql`
    insert into coupons (code, type, amount, currency, user_id, product_ids, expires_at) values
      ('TPLUSPRO10', 'percentage', 10, 'CAD', null, '["plus", "pro"]'::jsonb, now() + interval '30 days'),
      ('TFIXED5', 'fixed', 500, 'CAD', null, null, null),
      ('TTHIRD', 'percentage', 33, 'CAD', null, null, null),
      ('TEXPIRED', 'percentage', 50, 'CAD', null, null, now() - interval '1 minute'),
      ('TLISTENER', 'fixed', 1000, 'CAD', ${listener}, null, null),
      ('TPRODUCER', 'fixed', 1000, 'CAD', ${producer}, null, null)`);
});

const codesOf = (coupons: { code: string }[]) => coupons.map((c) => c.code).filter((code) => code.startsWith('T'));

describe('coupon validation', () => {
  it('takes a percentage off, rounded half up to the cent, after trimming and upper-casing the code', async () => {
    const reply = await t.as.listener.call('validateBillingCoupon', { body: { code: '  tplusPro10 ', product_id: 'plus', price_id: null, amount: 45 } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      status: 'success',
      coupon: { id: expect.any(Number), code: 'TPLUSPRO10', type: 'percentage', amount: 10 },
      discount_amount: 4.5,
      final_amount: 40.5,
      savings: 4.5,
      valid: true,
    });
    const third = await t.as.listener.call('validateBillingCoupon', { body: { code: 'TTHIRD', amount: 0.5 } });
    expectStatus(third, 200);
    // 33% of 50 cents is 16.5 cents: half up.
    expect([third.body.discount_amount, third.body.final_amount]).toEqual([0.17, 0.33]);
  });

  it('takes a fixed amount off, never more than the amount, and counts a missing amount as 0', async () => {
    const fixed = await t.as.listener.call('validateBillingCoupon', { body: { code: 'TFIXED5', amount: 29 } });
    expectStatus(fixed, 200);
    expect(fixed.body.coupon).toMatchObject({ type: 'fixed', amount: 5 });
    expect([fixed.body.discount_amount, fixed.body.final_amount, fixed.body.savings]).toEqual([5, 24, 5]);

    const capped = await t.as.listener.call('validateBillingCoupon', { body: { code: 'TFIXED5', amount: 3.2 } });
    expectStatus(capped, 200);
    expect([capped.body.discount_amount, capped.body.final_amount]).toEqual([3.2, 0]);

    for (const body of [{ code: 'TFIXED5' }, { code: 'TFIXED5', amount: null }]) {
      const none = await t.as.listener.call('validateBillingCoupon', { body });
      expectStatus(none, 200);
      expect([none.body.discount_amount, none.body.final_amount]).toEqual([0, 0]);
    }
  });

  it('accepts a plan-limited coupon without a plan, and refuses it for another plan', async () => {
    expectStatus(await t.as.listener.call('validateBillingCoupon', { body: { code: 'TPLUSPRO10', amount: 59 } }), 200);
    const classic = await t.as.listener.call('validateBillingCoupon', { body: { code: 'TPLUSPRO10', product_id: 'classic', amount: 29 } });
    expectStatus(classic, 422);
    expect(classic.body).toEqual({
      message: 'This coupon cannot be applied to the selected plan.',
      errors: { code: ['This coupon cannot be applied to the selected plan.'] },
    });
  });

  it("refuses unknown, expired and other accounts' coupons with 422 under `code`", async () => {
    const cases = [
      ['NOPE2026', 'The coupon code is invalid.'],
      ['TEXPIRED', 'This coupon has expired.'],
      ['TPRODUCER', 'This coupon is not available for your account.'],
    ] as const;
    for (const [code, message] of cases) {
      const reply = await t.as.listener.call('validateBillingCoupon', { body: { code, amount: 10 } });
      expectStatus(reply, 422);
      expect(reply.body, code).toEqual({ message, errors: { code: [message] } });
    }
    // The same coupon is valid for the account it was made for.
    expectStatus(await t.as.listener.call('validateBillingCoupon', { body: { code: 'TLISTENER', amount: 10 } }), 200);
    expectStatus(await t.as.producer.call('validateBillingCoupon', { body: { code: 'TPRODUCER', amount: 10 } }), 200);
  });

  it('refuses a code that is blank or over 50 bytes once trimmed, and an invalid body', async () => {
    const blank = await t.as.listener.call('validateBillingCoupon', { body: { code: '   ' } });
    expectStatus(blank, 422);
    expect(blank.body.errors).toEqual({ code: ['The code field is required.'] });
    // 30 characters, 60 bytes.
    const long = await t.as.listener.call('validateBillingCoupon', { body: { code: 'É'.repeat(30) } });
    expectStatus(long, 422);
    expect(long.body.errors).toEqual({ code: ['The code field must not be greater than 50 characters.'] });
    for (const body of [{}, { code: 'TFIXED5', amount: -1 }, { code: 'TFIXED5', product_id: 'gold' }]) {
      const reply = await t.as.listener.callUnchecked('validateBillingCoupon', { body });
      expect(reply.status, JSON.stringify(body)).toBe(422);
    }
  });

  it('needs a signed-in caller', async () => {
    expect((await t.as.anonymous.call('validateBillingCoupon', { body: { code: 'TFIXED5' } })).status).toBe(401);
    expect((await t.as.anonymous.call('validateCoupon', { body: { code: 'TFIXED5' } })).status).toBe(401);
  });

  it('answers the same at the deprecated path', async () => {
    for (const body of [
      { code: 'tplusPro10', product_id: 'pro' as const, amount: 59 },
      { code: 'TEXPIRED', amount: 59 },
    ]) {
      const current = await t.as.listener.call('validateBillingCoupon', { body });
      const older = await t.as.listener.call('validateCoupon', { body });
      expect(older.status).toBe(current.status);
      expect(older.body).toEqual(current.body);
    }
    const spec = (await t.as.anonymous.request('GET', '/openapi.json')).body as {
      paths: Record<string, { post: { deprecated?: boolean; description: string } }>;
    };
    expect(spec.paths['/api/v1/coupons/validate']!.post.deprecated).toBe(true);
    expect(spec.paths['/api/v1/coupons/validate']!.post.description).toContain('/api/v1/billing/coupons/validate');
  });
});

describe('coupon lists', () => {
  it('shows anonymous callers the unexpired coupons open to everyone', async () => {
    const reply = await t.as.anonymous.call('listCoupons');
    expectStatus(reply, 200);
    expect(codesOf(reply.body.coupons)).toEqual(['TTHIRD', 'TFIXED5', 'TPLUSPRO10']);
    const fixed = reply.body.coupons.find((c) => c.code === 'TFIXED5');
    expect(fixed).toEqual({ id: expect.any(Number), code: 'TFIXED5', type: 'fixed', amount: 5, currency: 'CAD', product_ids: null, expires_at: null });
    expect(reply.body.coupons.find((c) => c.code === 'TPLUSPRO10')?.product_ids).toEqual(['plus', 'pro']);
  });

  it("adds the coupons made for the caller, never another account's", async () => {
    const listener = await t.as.listener.call('listCoupons');
    expectStatus(listener, 200);
    expect(codesOf(listener.body.coupons)).toEqual(['TLISTENER', 'TTHIRD', 'TFIXED5', 'TPLUSPRO10']);
    const producer = await t.as.producer.call('listCoupons');
    expectStatus(producer, 200);
    expect(codesOf(producer.body.coupons)).toEqual(['TPRODUCER', 'TTHIRD', 'TFIXED5', 'TPLUSPRO10']);
  });

  it('lists the coupons valid for one plan', async () => {
    const classic = await t.as.anonymous.call('listProductCoupons', { path: { product: 'classic' } });
    expectStatus(classic, 200);
    expect(codesOf(classic.body.coupons)).toEqual(['TTHIRD', 'TFIXED5']);
    const plus = await t.as.listener.call('listProductCoupons', { path: { product: 'plus' } });
    expectStatus(plus, 200);
    expect(codesOf(plus.body.coupons)).toEqual(['TLISTENER', 'TTHIRD', 'TFIXED5', 'TPLUSPRO10']);

    const plan = await t.as.listener.call('listPlanCoupons', { path: { plan_id: 'plus' } });
    expectStatus(plan, 200);
    expect(plan.body).toEqual(plus.body);
  });

  it('refuses unknown plans and parameters with 422, and the plan route to anonymous callers', async () => {
    expect((await t.as.anonymous.callUnchecked('listProductCoupons', { path: { product: 'gold' } })).status).toBe(422);
    expect((await t.as.listener.callUnchecked('listPlanCoupons', { path: { plan_id: 'gold' } })).status).toBe(422);
    expect((await t.as.anonymous.callUnchecked('listCoupons', { query: { page: 2 } })).status).toBe(422);
    expect((await t.as.anonymous.call('listPlanCoupons', { path: { plan_id: 'pro' } })).status).toBe(401);
  });
});
