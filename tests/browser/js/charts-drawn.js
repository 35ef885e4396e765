// Reports, for every chart box on the page, whether ECharts drew into it:
// the canvas's size and how many of its pixels are not the white
// background, and how many are exactly one of the Analysis Function
// palette's colours (bars and symbols are filled with them; axes and text
// are not). Run through the DevTools protocol, never injected into the page.
(() => {
  const palette = [[0x12, 0x43, 0x6d], [0x28, 0xa1, 0x97], [0x80, 0x16, 0x50], [0xf4, 0x6a, 0x25], [0x3d, 0x3d, 0x3d], [0xa2, 0x85, 0xd1]]
  return Array.from(document.querySelectorAll('.plinth-chart')).map((box) => {
    const canvas = box.querySelector('canvas')
    const out = {
      id: box.id,
      role: box.getAttribute('role') || '',
      label: box.getAttribute('aria-label') || '',
      drawnClass: box.classList.contains('plinth-chart--drawn'),
      boxWidth: box.clientWidth,
      boxHeight: box.clientHeight,
      canvas: !!canvas,
      width: 0,
      height: 0,
      painted: 0,
      palette: 0,
      tableOpen: !!box.closest('.plinth-figure')?.querySelector('details.plinth-figure__data')?.open,
    }
    if (!canvas) {
      return out
    }
    out.width = canvas.width
    out.height = canvas.height
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]]
      if (a === 0 || (r === 255 && g === 255 && b === 255)) {
        continue
      }
      out.painted++
      if (palette.some((p) => p[0] === r && p[1] === g && p[2] === b)) {
        out.palette++
      }
    }
    return out
  })
})()
