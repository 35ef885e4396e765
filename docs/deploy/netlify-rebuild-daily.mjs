// Netlify scheduled function: asks Netlify to build and publish the site
// again, through the build hook whose address is in PLINTH_BUILD_HOOK.
// netlify.toml runs it every morning ([functions."rebuild-daily"]). Copy
// this file to netlify/functions/rebuild-daily.mjs. See docs/deploy.md.
export default async () => {
  const hook = process.env.PLINTH_BUILD_HOOK
  if (!hook) {
    console.error('PLINTH_BUILD_HOOK is not set: create a build hook and store its address in it')
    return new Response('no build hook', { status: 500 })
  }
  const res = await fetch(hook, { method: 'POST' })
  if (!res.ok) {
    console.error(`the build hook answered ${res.status}`)
  }
  return new Response(null, { status: res.ok ? 204 : 502 })
}
