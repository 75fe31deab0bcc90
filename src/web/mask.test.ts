import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskConfig, MASK } from './mask.js';

test('masks inline secrets, URL passwords and ZIP codes, keeps env names', () => {
  const masked = maskConfig({
    sip: { accounts: [{ name: 'pbx', username: '100', password: 'hunter2', passwordEnv: 'PBX_PASSWORD' }] },
    operations: { databaseUrl: 'postgres://app:s3cret@db:5432/frontdesk', http: { adminTokenEnv: 'FRONTDESK_ADMIN_TOKEN' } },
    cloud: { openai: { apiKey: { env: 'GPT_API_KEY' } } },
    assistant: { customers: [{ name: 'Ann', zip: '94107', billing: { amount: 42.5 } }], prompts: { askZip: 'What is your ZIP?' } },
  });
  assert.deepEqual(masked, {
    sip: { accounts: [{ name: 'pbx', username: '100', password: MASK, passwordEnv: 'PBX_PASSWORD' }] },
    operations: { databaseUrl: `postgres://app:${MASK}@db:5432/frontdesk`, http: { adminTokenEnv: 'FRONTDESK_ADMIN_TOKEN' } },
    cloud: { openai: { apiKey: { env: 'GPT_API_KEY' } } },
    assistant: { customers: [{ name: 'Ann', zip: MASK, billing: { amount: MASK } }], prompts: { askZip: 'What is your ZIP?' } },
  });
  assert.ok(!JSON.stringify(masked).includes('hunter2'));
  assert.ok(!JSON.stringify(masked).includes('s3cret'));
});
