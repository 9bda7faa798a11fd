import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Static } from 'typebox'
import { Type } from 'typebox'
import ExcelJS from 'exceljs'
import { stringify } from 'csv-stringify/sync'
import { ProblemSchema } from '../schemas/common.ts'
import { ReportQuerySchema, ReportWhatIfBodySchema, StandardsReportSchema } from '../schemas/standards.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { describeDataSources } from '../datasets/describe-data-sources.ts'
import { readDivisions, readFacilityKinds } from '../layers/layers-repository.ts'
import { resolveWhatIf } from './what-if-parameters.ts'
import { FacilityChangeError, type FacilityChange } from '../coverage/facility-changes.ts'
import type { NetworkChange } from '../coverage/network-changes.ts'
import { facilityKindExists } from '../coverage/coverage-repository.ts'
import { buildStandardsReport, type StandardsReport } from '../standards/report-service.ts'
import { buildReportTable } from '../standards/report-table.ts'
import { readDefaultStandardSet, readStandardSet, readStandardSetVersion } from '../standards/standards-repository.ts'

type ReportParameters = Static<typeof ReportQuerySchema> & { kind?: string; changes?: FacilityChange[]; networkChanges?: NetworkChange[] }

/**
 * Communities measured against a standard set: indicators, one evaluation
 * per rule, flags with their shortfalls, roll-ups to sub-districts and the
 * district; as JSON for the report view and as GeoJSON, CSV and XLSX files
 * that name the set, its version and the data version.
 */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const { baselines } = app.analysis

  async function report(q: ReportParameters): Promise<StandardsReport & { generatedAt: string }> {
    const current = q.set === undefined ? await readDefaultStandardSet(pool) : await readStandardSet(pool, q.set)
    if (!current) throw new HttpError(q.set === undefined ? 409 : 404, q.set === undefined ? 'there is no standard set; create one first' : `no standard set ${q.set}`)
    const set = q.version === undefined || q.version === current.version ? current : await readStandardSetVersion(pool, current.id, q.version)
    if (!set) throw new HttpError(404, `standard set ${current.id} has no version ${q.version}`)
    if (q.scenario === undefined && q.kind !== undefined && !(await facilityKindExists(pool, q.kind))) throw new HttpError(400, `unknown facility kind "${q.kind}"`)
    const whatIf = await resolveWhatIf(pool, q)
    try {
      const built = await buildStandardsReport(pool, baselines, set, { maxSnapM: q.maxSnapM ?? 300, ...(whatIf ? { whatIf } : {}) })
      return { ...built, generatedAt: new Date().toISOString() }
    } catch (error) {
      if (error instanceof FacilityChangeError) throw new HttpError(400, error.message)
      throw error
    }
  }

  const fileName = (r: StandardsReport, extension: string) => `report-set-${r.set.id}-v${r.set.version}${r.scenario ? '-what-if' : ''}.${extension}`
  const attach = (reply: FastifyReply, name: string) => reply.header('content-disposition', `attachment; filename="${name}"`)

  app.get(
    '/api/report',
    {
      schema: {
        tags: ['standards'],
        summary: 'Every community measured against a standard set, with flags and roll-ups',
        description:
          'Each rule gives pass, fail (a flag with measured and required values and the shortfall), cannot-evaluate (with the reason: no households, missing floor areas, …) or not-applicable. ' +
          'Facilities count for the community they stand in, or, when they name the communities they serve, for those in proportion to households.',
        querystring: ReportQuerySchema,
        response: { 200: StandardsReportSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => report(request.query),
  )

  app.post(
    '/api/report/what-if',
    {
      schema: {
        tags: ['standards'],
        summary: 'The report with facilities of one kind added, moved or removed (nothing is saved)',
        body: ReportWhatIfBodySchema,
        response: { 200: StandardsReportSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => report(request.body),
  )

  app.get(
    '/api/report/communities.geojson',
    {
      schema: {
        tags: ['standards'],
        summary: 'Communities with all indicators and flags, as a GeoJSON file',
        querystring: ReportQuerySchema,
        response: {
          200: Type.Object({ type: Type.Literal('FeatureCollection'), properties: Type.Record(Type.String(), Type.Unknown()), features: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          400: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const r = await report(request.query)
      const geometryOf = new Map((await readDivisions(pool)).features.map((f) => [String(f.properties!.code), f.geometry]))
      attach(reply, fileName(r, 'geojson'))
      return {
        type: 'FeatureCollection' as const,
        properties: {
          standardSet: r.set,
          rules: r.rules,
          maxSnapM: r.maxSnapM,
          scenario: r.scenario,
          networkVersion: r.networkVersion,
          dataVersion: r.dataVersion,
          sources: r.sources,
          crs: 'EPSG:4326',
          generatedAt: r.generatedAt,
        },
        features: r.communities.map((c) => ({
          type: 'Feature',
          id: c.code,
          geometry: geometryOf.get(c.code) ?? null,
          properties: {
            code: c.code,
            name: c.name,
            parentCode: c.parentCode,
            urbanRural: c.urbanRural,
            residential: c.residential,
            households: c.households,
            population: c.population,
            elderly: c.elderly,
            status: c.status,
            indicators: c.indicators,
            evaluations: c.evaluations,
            flags: c.evaluations.filter((e) => e.status === 'fail'),
          },
        })),
      }
    },
  )

  async function table(q: ReportParameters) {
    const r = await report(q)
    const kinds = await readFacilityKinds(pool)
    const units = [...(r.district ? [r.district] : []), ...r.subdistricts, ...r.communities]
    return { r, table: buildReportTable(r, kinds, units, r.generatedAt) }
  }

  app.get(
    '/api/report/communities.csv',
    {
      schema: {
        tags: ['standards'],
        summary: 'The report as CSV (UTF-8 with a byte-order mark, Chinese headers)',
        description: 'One row for the district, each sub-district and each community; every row names the standard set, its version and the data version.',
        querystring: ReportQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { r, table: t } = await table(request.query)
      attach(reply, fileName(r, 'csv'))
      return reply.type('text/csv; charset=utf-8').send(`\ufeff${stringify([t.headers, ...t.rows])}`)
    },
  )

  app.get(
    '/api/report/communities.xlsx',
    {
      schema: {
        tags: ['standards'],
        summary: 'The report as an Excel workbook (Chinese headers; a second sheet lists the set, its rules and sources, and the data version)',
        querystring: ReportQuerySchema,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const { r, table: t } = await table(request.query)
      const workbook = new ExcelJS.Workbook()
      workbook.creator = 'LifeCircle 生活圈'
      workbook.created = new Date(r.generatedAt)
      const sheet = workbook.addWorksheet('达标评估', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] })
      sheet.addRow(t.headers).font = { bold: true }
      for (const row of t.rows) sheet.addRow(row)
      sheet.columns.forEach((column, i) => {
        column.width = Math.min(40, Math.max(10, (t.headers[i]?.length ?? 8) * 1.6))
      })
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.headers.length } }
      const about = workbook.addWorksheet('说明')
      about.addRows([
        ['标准集', r.set.name],
        ['标准集编号', r.set.id],
        ['标准集版本', r.set.version],
        ['新建住宅区起始年份', r.set.newResidentialFromYear],
        ['设施与小区门吸附最大距离（米）', r.maxSnapM],
        ['情景', r.scenario ? `${r.scenario.kind}：${r.scenario.changes} 项调整` : '现状'],
        ['数据版本', r.dataVersion],
        ['数据来源', describeDataSources(r.sources)],
        ['路网版本', r.networkVersion],
        ['生成时间', r.generatedAt],
        [],
        ['规则', '指标', '比较', '阈值', '单位', '适用', '设施类型', '步行范围', '严重程度', '来源'],
        ...r.rules.map((rule) => [
          rule.label,
          rule.indicator,
          rule.comparator,
          rule.threshold,
          rule.unit,
          `${rule.appliesTo.area} / ${rule.appliesTo.residential}`,
          rule.kinds.join('、'),
          rule.walk ? ('metres' in rule.walk ? `${rule.walk.metres} 米` : `${rule.walk.minutes} 分钟，${rule.walk.speedKmh} km/h`) : '',
          rule.severity,
          rule.source,
        ]),
      ])
      about.getColumn(1).width = 36
      about.getColumn(10).width = 80
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
      attach(reply, fileName(r, 'xlsx'))
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer)
    },
  )
}
