import fs from 'node:fs'
import { defaultDemoSeed, generateDemoDistrict } from './generate-demo-district.ts'

const [out, seedArg] = process.argv.slice(2)
if (!out) {
  console.error('usage: npx tsx geodata/write-demo-district.ts <out.json> [seed]')
  process.exit(2)
}
const seed = seedArg === undefined ? defaultDemoSeed : Number(seedArg)
if (!Number.isSafeInteger(seed)) {
  console.error(`seed must be an integer, got "${seedArg}"`)
  process.exit(2)
}
fs.writeFileSync(out, `${JSON.stringify(generateDemoDistrict(seed), null, 2)}\n`)
console.log(`wrote the synthetic demo district (seed ${seed}) to ${out}`)
