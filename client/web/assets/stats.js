// Draws the charts of /stats with Chart.js (served from node_modules, no CDN): one per indicator,
// month by month, from the figures the page carries (the same as /stats.json).
const report = JSON.parse(document.getElementById('stats-data').textContent);
// The states' French names, from the console's catalogue: the legend shows no identifier.
const stateNames = JSON.parse(document.getElementById('stats-states').textContent);
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const labels = report.months.map((month) => monthName.format(new Date(`${month.month}-01T00:00:00Z`)));
const STATE_COLOURS = {
  signing: '#6a6af4',
  'awaiting-publication': '#b34000',
  'in-force': '#18753c',
  suspended: '#ce0500',
  notice: '#695240',
  ended: '#666666',
  closed: '#161616',
};

for (const canvas of document.querySelectorAll('canvas[data-indicator]')) {
  const indicator = canvas.dataset.indicator;
  const byState = indicator === 'conventionsByState';
  const datasets = byState
    ? Object.entries(STATE_COLOURS).map(([state, colour]) => ({
        label: stateNames[state],
        backgroundColor: colour,
        data: report.months.map((month) => month.conventionsByState[state] ?? 0),
      }))
    : [
        {
          label: canvas.dataset.label,
          borderColor: '#000091',
          backgroundColor: '#000091',
          spanGaps: true,
          data: report.months.map((month) => month[indicator]),
        },
      ];
  new Chart(canvas, {
    type: byState ? 'bar' : 'line',
    data: { labels, datasets },
    options: {
      animation: false,
      // Conventions and days are counted: their axis has whole numbers only; shares go to 100 %.
      scales: byState
        ? { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
        : {
            y: {
              beginAtZero: true,
              ...(canvas.dataset.unit === '%' ? { suggestedMax: 100 } : { ticks: { precision: 0 } }),
            },
          },
    },
  });
}
