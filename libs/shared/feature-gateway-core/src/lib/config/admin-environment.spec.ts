import { deriveAdminDefaults, isLoopbackHost } from './admin-environment';

describe(deriveAdminDefaults.name, () => {
  it('puts the admin listener on the client port + 6000, on loopback, by default', () => {
    expect(deriveAdminDefaults({ PORT: 3000 })).toEqual({
      admin: { ADMIN_PORT: 9000, ADMIN_HOST: '127.0.0.1' },
      problems: [],
    });
  });

  it('keeps an ephemeral admin port when the client port is ephemeral (tests)', () => {
    expect(deriveAdminDefaults({ PORT: 0 }).admin.ADMIN_PORT).toBe(0);
  });

  it('takes ADMIN_PORT and ADMIN_HOST as given', () => {
    const { admin } = deriveAdminDefaults({ PORT: 3000, ADMIN_PORT: 9100, ADMIN_HOST: '::1' });
    expect(admin).toMatchObject({ ADMIN_PORT: 9100, ADMIN_HOST: '::1' });
  });

  it.each(['0.0.0.0', '::', '10.0.0.7'])('requires ADMIN_TOKEN when bound to %s', (host) => {
    expect(deriveAdminDefaults({ PORT: 3000, ADMIN_HOST: host }).problems).toEqual([
      expect.stringMatching(/^ADMIN_TOKEN is required/),
    ]);
    expect(
      deriveAdminDefaults({ PORT: 3000, ADMIN_HOST: host, ADMIN_TOKEN: 'x'.repeat(32) }).problems,
    ).toEqual([]);
  });

  it("refuses the manifests' placeholder token", () => {
    const { problems } = deriveAdminDefaults({
      PORT: 3000,
      ADMIN_HOST: '0.0.0.0',
      ADMIN_TOKEN: 'replace-with-the-output-of-openssl-rand-hex-32',
    });
    expect(problems).toEqual([expect.stringMatching(/placeholder/)]);
  });

  it('refuses an admin port equal to the client port', () => {
    expect(deriveAdminDefaults({ PORT: 3000, ADMIN_PORT: 3000 }).problems).toEqual([
      expect.stringMatching(/must differ from PORT/),
    ]);
  });
});

describe(isLoopbackHost.name, () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('%s is loopback', (host) =>
    expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['0.0.0.0', '::', '192.168.1.2', 'admin.internal', '127.0.0.1.nip.io'])('%s is not', (host) =>
    expect(isLoopbackHost(host)).toBe(false),
  );
});
