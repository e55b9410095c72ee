import {
  armLabel,
  cssString,
  escapeHtml,
  fractionCell,
  meanCell,
  percentCell,
  percentHalfUp,
  roundHalfUp,
  sliceLabel,
} from './format';

describe('percentages as the paper prints them', () => {
  it.each([
    [29, 39, '29/39 = 74%'],
    [22, 26, '22/26 = 85%'],
    [46, 48, '46/48 = 96%'],
    [7, 8, '7/8 = 88%'],
    [1, 8, '1/8 = 13%'],
    [6, 6, '6/6 = 100%'],
    [0, 3, '0/3 = 0%'],
    [0, 0, '-'],
  ])('%i/%i → %s (whole percentages, half-up, in integers)', (n, d, cell) => {
    expect(fractionCell(n, d)).toBe(cell);
  });

  it('rounds an exact half up and never through binary floating point', () => {
    expect(percentHalfUp(1, 8)).toBe(13);
    expect(percentHalfUp(1, 200)).toBe(1);
    expect(percentHalfUp(1, 201)).toBe(0);
    expect(percentHalfUp(14, 15)).toBe(93);
    expect(percentHalfUp(3, 0)).toBeNull();
  });

  describe('given a count over a total printed to decimals', () => {
    it('when the exact percentage is a half, then it rounds up (toFixed rounds the binary value down)', () => {
      expect((100 * 3) / 2000).toBe(0.15);
      expect(((100 * 3) / 2000).toFixed(1)).toBe('0.1'); // the double is 0.1499999...
      expect(percentCell(3, 2000, 1)).toBe('0.2%');
      expect(percentCell(1, 8, 1)).toBe('12.5%');
      expect(percentCell(1, 16, 1)).toBe('6.3%');
    });

    it('when it does not terminate, then it is cut and rounded on its exact value', () => {
      expect(percentCell(2, 3, 1)).toBe('66.7%');
      expect(percentCell(1, 3, 2)).toBe('33.33%');
      expect(percentCell(29, 39)).toBe('74%');
      expect(percentCell(0, 7, 1)).toBe('0.0%');
      expect(percentCell(5, 0, 1)).toBe('-');
    });
  });
});

describe('means', () => {
  it.each([
    [4.000000000000001, 1, '4.0'],
    [3.599999999999999, 1, '3.6'],
    [3.3000000000000007, 1, '3.3'],
    [2.25, 1, '2.3'],
    [1.005, 2, '1.01'],
    [9.95, 1, '10.0'],
    [12.5, 0, '13'],
    [-2.25, 1, '-2.3'],
    [-0.04, 1, '0.0'],
    [32, 0, '32'],
  ])('%p to %i decimals → %s', (x, digits, text) => {
    expect(roundHalfUp(x, digits)).toBe(text);
  });

  it('prints - for a mean that does not exist', () => {
    expect(meanCell(null, 1)).toBe('-');
    expect(meanCell(47.5, 0, '%')).toBe('48%');
  });
});

describe('text', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });

  it('quotes CSS strings safely', () => {
    expect(cssString('MSC-1 · as of 2024-12-31T23:59:59Z')).toBe('"MSC-1 · as of 2024-12-31T23:59:59Z"');
    expect(cssString('a"b\\c\nd</style>')).toBe('"a\\22 b\\5c c d\\3c \\2f style\\3e "');
  });

  it('names arms and slices as the paper does', () => {
    expect(armLabel('L_EPI+L_FACET+DISK')).toBe('L Epidural + L Facet + Disk Inj');
    expect(armLabel('IV_ONLY')).toBe('IV infusion only');
    expect(sliceLabel('all')).toBe('All patients');
    expect(sliceLabel('arm:L_EPI+C_FACET')).toBe('L Epidural + C Facet');
    expect(sliceLabel('subgroup:baseline_vas_ge_8')).toBe('Pre-treatment VAS ≥ 8');
  });
});
