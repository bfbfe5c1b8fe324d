/**
 * What a conversion changed or could not keep, for the user to read. The same remark about
 * several layers is said once, naming them all.
 */
export class Notes {
  private readonly subjects = new Map<string, string[]>()

  add(text: string, subject?: string): void {
    const list = this.subjects.get(text) ?? []
    if (subject !== undefined && !list.includes(subject)) list.push(subject)
    this.subjects.set(text, list)
  }

  list(): string[] {
    return [...this.subjects].map(([text, subjects]) =>
      subjects.length === 0 ? text : `${subjects.join(', ')}: ${text}`
    )
  }
}
