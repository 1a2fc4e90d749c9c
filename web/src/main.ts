import ElementPlus, { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { setUnauthorizedHandler } from '@/api/http';
import { useAuthStore } from '@/stores/auth';
import { router } from '@/router';
import App from './App.vue';
import { registerGlobalComponents } from './globalComponents';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(router).use(ElementPlus);
registerGlobalComponents(app);

setUnauthorizedHandler((code, message) => {
  const auth = useAuthStore(pinia);
  if (!auth.loggedIn) return;
  auth.clear();
  // An ended session (idle timeout, revoked, disabled) carries the server's reason; otherwise the cookie is simply gone.
  ElMessage.error(code === 'SESSION_EXPIRED' ? message : '登录已失效，请重新登录');
  const current = router.currentRoute.value;
  void router.replace({ name: 'login', query: current.name === 'login' ? {} : { redirect: current.fullPath } });
});

app.mount('#app');
