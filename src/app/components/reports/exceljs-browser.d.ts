// exceljs's browser build without polyfills (a UMD bundle): the same API as the package's types.
declare module 'exceljs/dist/exceljs.bare.min.js' {
  import * as ExcelJS from 'exceljs'
  export default ExcelJS
}
