import { globalIgnores } from 'eslint/config'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import pluginVue from 'eslint-plugin-vue'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

export default defineConfigWithVueTs(
  {
    name: 'app/files-to-lint',
    files: ['**/*.{ts,mts,tsx,vue}'],
  },
  globalIgnores(['**/dist/**', '**/dist-*/**', '**/coverage/**', 'public/**', 'node_modules/**']),
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  skipFormatting,
  {
    rules: {
      // user names and BioStar messages must render as text, never as markup
      'vue/no-v-html': 'error',
    },
  },
  {
    // Pure feature code never knows about workers (src/workers/README.md).
    name: 'app/no-workers-in-pure-code',
    files: ['src/photo/**', 'src/batch/**', 'src/face/**', 'src/review/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/workers/*', '**/workers/*'],
              message: 'Take what you need from src/workers as a parameter instead.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Worker']",
          message: 'Workers start in src/workers, behind the seam (rpc.ts).',
        },
      ],
    },
  },
)
