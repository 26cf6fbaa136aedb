import request from 'supertest';
import { ADMIN_TOKEN } from './test-app';

export async function tokenFor(url: string, role: string, accountId?: string): Promise<string> {
  const res = await request(url)
    .post('/api/tokens')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send({ name: `${role} ${accountId ?? ''}`.trim(), role, ...(accountId ? { accountId } : {}) });
  if (res.status !== 201) throw new Error(`token for ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
