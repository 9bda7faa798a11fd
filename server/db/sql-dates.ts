/** SQL that formats a `date` column as `YYYY-MM-DD` (null stays null), as the API writes dates. */
export const sqlDate = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`

/** SQL that formats a `timestamptz` column as an ISO 8601 UTC string with milliseconds. */
export const sqlTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
