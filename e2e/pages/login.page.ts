import type { Page } from 'playwright-core';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByLabel('Tên đăng nhập').waitFor();
  }

  async logIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel('Mật khẩu').fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  /** The Vietnamese message shown after a refused login. */
  async errorText(text: string): Promise<string> {
    const alert = this.page.getByText(text);
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }
}
