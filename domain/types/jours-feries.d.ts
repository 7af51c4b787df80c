// The package ships no types: it exports one function from year to { holiday name: Date }.
declare module '@socialgouv/jours-feries' {
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
