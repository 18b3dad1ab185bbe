/** electron-builder.yml's appId: the installer's identity, and on Windows the AppUserModelID that groups the
 * taskbar button and the notifications (a unit test holds the two equal). */
export const APP_ID = 'app.parley.desktop';
