@echo off
rem `parley`, the command of the Parley desktop app (Windows): runs the bundled CLI beside this file with the
rem Node.js on the PATH. Add this folder to the PATH to type `parley` anywhere.
where node >nul 2>nul || (echo parley: needs Node.js 20.19 or newer on the PATH ^(https://nodejs.org^) 1>&2 & exit /b 1)
node "%~dp0parley.mjs" %*
