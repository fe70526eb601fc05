// Layout state that outlives a render: whether the sidebar is pulled out on narrow screens.
import { signal } from '@preact/signals';

export const sidebarOpen = signal(false);

export function toggleSidebar(): void {
  sidebarOpen.value = !sidebarOpen.value;
}

export function closeSidebar(): void {
  sidebarOpen.value = false;
}
