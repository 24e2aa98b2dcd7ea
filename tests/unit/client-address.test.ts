import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientAddresses, clientKey } from '../../demo-server/server/client-address.ts';

test('without trusted proxies, the socket is the client and X-Forwarded-For is ignored', () => {
  const clients = new ClientAddresses([]);
  assert.equal(clients.clientOf('203.0.113.5', '198.51.100.1'), '203.0.113.5');
  assert.equal(clients.clientOf('::ffff:203.0.113.5', null), '203.0.113.5', 'an IPv4-mapped address is its IPv4 address');
  assert.equal(clients.trusts('203.0.113.5'), false);
});

test('behind trusted proxies, the right-most address that is not one of them is the client', () => {
  const clients = new ClientAddresses(['10.0.0.0/8', '2001:db8::1']);
  assert.equal(clients.clientOf('10.0.0.5', '203.0.113.7'), '203.0.113.7');
  assert.equal(clients.clientOf('10.0.0.5', '198.51.100.1, 203.0.113.7'), '203.0.113.7', 'what the client wrote itself is not believed');
  assert.equal(clients.clientOf('10.0.0.5', '203.0.113.7, 10.1.2.3'), '203.0.113.7', 'a chain of trusted proxies is walked');
  assert.equal(clients.clientOf('2001:db8::1', '2001:db8:aaaa::9'), '2001:db8:aaaa::9');
  assert.equal(clients.clientOf('10.0.0.5', 'not-an-address, 10.1.2.3'), '10.1.2.3', 'a malformed hop ends the chain at the last trusted one');
  assert.equal(clients.clientOf('10.0.0.5', null), '10.0.0.5', 'a trusted proxy without the header is the client itself');
  assert.equal(clients.clientOf('192.0.2.9', '203.0.113.7'), '192.0.2.9', 'an untrusted peer cannot name another client');
});

test('limits count an IPv6 client by its /64 network, an IPv4 client by its address', () => {
  assert.equal(clientKey('2001:db8:1:2::5'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:0DB8:0001:0002:ffff:0:0:9'), '2001:db8:1:2::/64');
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
  assert.equal(clientKey('2001:db8::'), '2001:db8:0:0::/64');
  assert.equal(clientKey('203.0.113.5'), '203.0.113.5');
});
