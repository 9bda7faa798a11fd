/** A typed array of the same kind and `length`, starting with a copy of `array` (which must not be longer), the rest zero. */
export function growTypedArray<A extends Int32Array | Uint32Array | Uint8Array | Float64Array>(array: A, length: number): A {
  const next = new (array.constructor as new (length: number) => A)(length)
  next.set(array)
  return next
}
