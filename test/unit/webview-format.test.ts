import { strict as assert } from 'node:assert';
import { formatGeneral, formatNumber, formatValue, groupDigits } from '../../webview/format/number-format';

describe('webview number format', () => {
  it('groups thousands western and Indian style', () => {
    assert.equal(groupDigits('1234567', false), '1,234,567');
    assert.equal(groupDigits('1234567', true), '12,34,567');
    assert.equal(groupDigits('123456789', true), '12,34,56,789');
    assert.equal(groupDigits('999', true), '999');
    assert.equal(groupDigits('1000', true), '1,000');
  });
  it('formats #,##0', () => {
    assert.equal(formatNumber(1234567.8, '#,##0'), '1,234,568');
    assert.equal(formatNumber(-1234.4, '#,##0'), '-1,234');
    assert.equal(formatNumber(0, '#,##0'), '0');
    assert.equal(formatNumber(-0.2, '#,##0'), '0');
    assert.equal(formatNumber(12345678, '#,##0', 'en-IN'), '1,23,45,678');
    assert.equal(formatNumber(100000, '#,##0.00', 'en-IN'), '1,00,000.00');
  });
  it('formats decimals and percentages', () => {
    assert.equal(formatNumber(1.005, '0.00'), '1.01');
    assert.equal(formatNumber(2, '0.00'), '2.00');
    assert.equal(formatNumber(0.1234, '0.0%'), '12.3%');
    assert.equal(formatNumber(0.6, '0%'), '60%');
    assert.equal(formatNumber(-0.055, '0.0%'), '-5.5%');
    assert.equal(formatNumber(0.5, '#.##'), '.5');
    assert.equal(formatNumber(1.5, '0.##'), '1.5');
  });
  it('keeps literal prefixes, suffixes and sections', () => {
    assert.equal(formatNumber(1500, '"₹"#,##0'), '₹1,500');
    assert.equal(formatNumber(1500, '#,##0" t"'), '1,500 t');
    assert.equal(formatNumber(-5, '0;(0)'), '(5)');
    assert.equal(formatNumber(0, '0;(0);"-"'), '-');
  });
  it('falls back to General', () => {
    assert.equal(formatGeneral(1 / 3), '0.3333333333');
    assert.equal(formatGeneral(42), '42');
    assert.equal(formatGeneral(1e21), '1E+21');
    assert.equal(formatNumber(0.1 + 0.2, undefined), '0.3');
    assert.equal(formatNumber(5, 'nonsense'), '5');
  });
  it('formats other values', () => {
    assert.equal(formatValue(true, undefined), 'TRUE');
    assert.equal(formatValue(null, '0.00'), '');
    assert.equal(formatValue('Nd', '0.00'), 'Nd');
    assert.equal(formatValue({ error: '#DIV/0!', message: 'x' }, undefined), '#DIV/0!');
  });
});
