/**
 * The keyboard (app/keyboard.ts) moves the selection in whichever conversation list is on
 * screen (the inbox or search results); the mounted list registers itself here.
 */
export interface ListCommands {
  /** j/k: select the next (+1) or previous (-1) row and scroll it into view. */
  move(delta: number): void;
  /** u: focus the list again. */
  focus(): void;
}

let active: ListCommands | null = null;

export const listCommands = {
  register(commands: ListCommands): () => void {
    active = commands;
    return () => {
      if (active === commands) active = null;
    };
  },
  move(delta: number): void {
    active?.move(delta);
  },
  focus(): void {
    active?.focus();
  },
};
