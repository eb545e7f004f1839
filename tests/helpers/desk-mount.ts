// Mounting a desk component with the app's English strings and a testing Pinia.
import { vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createTestingPinia } from '@pinia/testing'
import type { Component } from 'vue'
import { createAppI18n } from '@/i18n/index.ts'
import type { UserDetail } from '@/api/types.ts'
import en from '@/i18n/en.ts'
import deskEn from '@/i18n/desk.en.ts'
import faceEn from '@/i18n/face.en.ts'

export const kim: UserDetail = {
  userId: '12',
  name: 'Kim Min-jun',
  photo: null,
  hasPhoto: false,
  group: { id: '2', name: 'Front Office' },
  disabled: false,
  expired: false,
  email: '',
  department: '',
  expiryDatetime: '',
  visualFaceCount: 0,
}

export function mountDesk<C extends Component>(component: C, props: Record<string, unknown>) {
  return mount(component, {
    props: props as never,
    attachTo: document.body,
    global: {
      plugins: [
        createTestingPinia({ createSpy: vi.fn }),
        createAppI18n('en', { en: { ...en, ...deskEn, face: faceEn } }),
      ],
    },
  })
}
