import { generate } from 'selfsigned'

/** A self-signed certificate for 127.0.0.1 and localhost, like the one BioStar installs. */
export async function selfSignedCert(commonName = 'biostar.test') {
  const result = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  })
  return { key: result.private, cert: result.cert }
}
