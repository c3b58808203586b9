// This project only holds end-to-end suites (test/); they run the built gateways as separate processes.
export {};
