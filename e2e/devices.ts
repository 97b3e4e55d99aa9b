// The three devices the portals are designed for; shared by the config and by tests that open
// a second device (the agent spec enrols a tablet).
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const tablet = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true };
export const desktop = { viewport: { width: 1440, height: 900 } };
