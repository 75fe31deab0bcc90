export {};
//# sourceMappingURL=sip-leg-context.js.map