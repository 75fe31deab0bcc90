// Number-word parsing: what callers say for digits, with fillers, "oh", "double" and tens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDigits } from './numbers.js';

test('digit words, "oh" and "zero" as 0, fillers ignored', () => {
  assert.equal(extractDigits('seven seven five one'), '7751');
  assert.equal(extractDigits('uh it\'s seven seven seven nine'), '7779');
  assert.equal(extractDigits('oh nine two eight'), '0928');
  assert.equal(extractDigits('the code is two oh three two'), '2032');
  assert.equal(extractDigits('oh oh oh eight'), '0008');
  assert.equal(extractDigits('zero four seven eight'), '0478');
});

test('"oh" as an interjection is not a digit', () => {
  assert.equal(extractDigits('oh, it is four seven one two'), '4712');
  assert.equal(extractDigits('oh okay'), '');
});

test('double and triple repeat the next digit', () => {
  assert.equal(extractDigits('seven double four two'), '7442');
  assert.equal(extractDigits('triple five eight'), '5558');
  assert.equal(extractDigits('double oh seven one'), '0071');
});

test('digits written as numerals, spaced or not', () => {
  assert.equal(extractDigits('4712'), '4712');
  assert.equal(extractDigits('4 7 1 2.'), '4712');
  assert.equal(extractDigits('The code is 47-12'), '4712');
});

test('tens and teens', () => {
  assert.equal(extractDigits('forty seven twelve'), '4712');
  assert.equal(extractDigits('twenty oh five'), '2005');
  assert.equal(extractDigits('ninety'), '90');
});

test('no digits gives an empty string', () => {
  assert.equal(extractDigits(''), '');
  assert.equal(extractDigits('I do not know'), '');
});
