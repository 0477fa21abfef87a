// Starts an in-memory PLC directory and the reference PDS, both bound to 127.0.0.1 (neither has a
// bind option: their express apps call listen(port), which is wrapped here). Ports come from
// PLC_PORT and PDS_PORT; the PDS's other settings from its own PDS_* environment variables.
// Prints one line "herald-pds ready <pds-port> <plc-port>" once both listen; stops on SIGTERM.
'use strict'
const net = require('net')
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1')
  }
  return listen.apply(this, args)
}

async function main () {
  const plcPort = Number(process.env.PLC_PORT)
  const pdsPort = Number(process.env.PDS_PORT)
  if (!plcPort || !pdsPort) {
    throw new Error('PLC_PORT and PDS_PORT must be set')
  }
  const plc = require('@did-plc/server')
  const db = plc.Database.mock()
  const plcServer = plc.PlcServer.create({ db, port: plcPort })
  await plcServer.start()
  process.env.PDS_DID_PLC_URL = process.env.PDS_DID_PLC_URL || `http://127.0.0.1:${plcPort}`

  const { PDS, envToCfg, envToSecrets, readEnv } = require('@atproto/pds')
  const env = readEnv()
  const pds = await PDS.create(envToCfg(env), envToSecrets(env))
  await pds.start()
  console.log(`herald-pds ready ${pdsPort} ${plcPort}`)

  const stop = async () => {
    try {
      await pds.destroy()
      await plcServer.destroy()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err) => {
  console.error('herald-pds failed: ' + (err && err.stack ? err.stack : err))
  process.exit(1)
})
